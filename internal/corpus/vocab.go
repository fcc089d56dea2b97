package corpus

// The word lists below are the whole vocabulary of the corpus: every article
// is assembled from them, so nothing is copied from real writing. They are
// read-only tables; nothing in the package writes to them.

// topics are the 24 topic slugs an article can be tagged with.
var topics = [...]string{
	"trust", "delegation", "feedback", "micromanagement", "accountability",
	"communication", "conflict", "motivation", "burnout", "hiring",
	"onboarding", "one-on-ones", "psychological-safety", "decision-making",
	"strategy", "influence", "managing-up", "remote-teams",
	"performance-reviews", "career-growth", "culture", "emotional-intelligence",
	"time-management", "coaching",
}

// series are the 6 series names; about 60% of articles belong to one.
var series = [...]string{
	"First-Time Manager", "Managing Up", "Difficult Conversations",
	"Building Teams", "Leading Through Change", "Coaching Toolkit",
}

var nouns = []string{
	"team", "manager", "report", "peer", "leader", "priority", "expectation",
	"boundary", "habit", "meeting", "agenda", "decision", "goal", "outcome",
	"deadline", "project", "roadmap", "budget", "conversation", "question",
	"signal", "pattern", "mistake", "promise", "commitment", "role",
	"responsibility", "strength", "weakness", "skill", "career", "review",
	"promotion", "conflict", "tension", "pressure", "workload", "calendar",
	"update", "status", "risk", "assumption", "context", "story", "example",
	"experiment", "retrospective", "plan", "process", "system", "rhythm",
	"ritual", "standard", "principle", "value", "mission", "purpose",
	"reason", "result", "metric", "milestone", "handoff", "owner",
	"stakeholder", "customer", "partner", "colleague", "mentor", "coach",
	"sponsor", "director", "executive", "founder", "engineer", "designer",
	"analyst", "hire", "candidate", "newcomer", "veteran", "culture", "norm",
	"climate", "energy", "attention", "focus", "clarity", "confidence",
	"credibility", "reputation", "influence", "momentum", "patience",
	"curiosity", "empathy", "candor", "humility", "courage", "ambition",
}

var verbs = []string{
	"build", "protect", "clarify", "share", "schedule", "document",
	"celebrate", "question", "review", "delegate", "measure", "explain",
	"challenge", "support", "reward", "notice", "name", "escalate",
	"prioritize", "simplify", "revisit", "negotiate", "align", "surface",
	"model", "repair", "earn", "invite", "test", "shape", "guard", "track",
	"frame", "coach", "acknowledge", "adjust", "trust", "anticipate", "reset",
	"summarize", "capture",
}

var adjs = []string{
	"clear", "honest", "small", "early", "quiet", "difficult", "simple",
	"useful", "regular", "explicit", "vague", "hidden", "shared", "urgent",
	"important", "frequent", "rare", "practical", "concrete", "generous",
	"specific", "candid", "steady", "predictable", "fragile", "healthy",
	"costly", "invisible", "obvious", "subtle", "deliberate", "calm",
	"ambitious", "overloaded", "anxious", "curious", "careful", "thoughtful",
}

var advs = []string{
	"often", "rarely", "quietly", "deliberately", "early", "consistently",
	"openly", "honestly", "gently", "quickly", "slowly", "carefully",
	"regularly", "explicitly", "usually", "simply",
}

var openers = []string{
	"In my experience", "Most of the time", "On most teams", "Early on",
	"Sooner or later", "More often than not", "In practice",
	"When the pressure rises", "After a few months", "In a healthy team",
	"During a busy quarter", "Over time", "Before anything else",
	"If you are new to the role", "Every week",
}

var possessives = []string{
	"Your Manager's", "Your Team's", "Your Own", "the Team's", "Your Peers'",
	"All", "Your", "the Right", "Better", "Clear",
}

var headVerbs = []string{
	"Understand", "Clarify", "Build", "Protect", "Share", "Ask About", "Set",
	"Schedule", "Document", "Celebrate", "Revisit", "Name", "Question",
	"Delegate", "Measure", "Simplify", "Negotiate", "Align On", "Surface",
	"Repair", "Model", "Track", "Earn", "Invite", "Frame",
}

// titlePatterns are expanded by appendTitle; each {X} names a word class.
var titlePatterns = []string{
	"How to {V} {P} {N} Without {G}",
	"{K} Ways to {V} {P} {N}",
	"Why {A} {N} Matter More Than You Think",
	"The {A} Manager's Guide to {T}",
	"What Nobody Tells You About {T}",
	"{T}: {K} Lessons From {A} {N}",
	"Stop {G}: A Better Approach to {T}",
	"When {N} Go Wrong: Rethinking {T}",
	"{T} for {A} Leaders",
	"A {A} Framework for {T}",
	"{K} Questions to Ask About {P} {N}",
	"The Hidden Cost of {A} {N}",
}

var gerunds = []string{
	"Micromanaging", "Overpromising", "Burning Out", "Losing Trust",
	"Avoiding Conflict", "Guessing", "Hovering", "Rescuing Everyone",
	"Saying Yes to Everything", "Waiting for Permission", "Overthinking",
	"Hiding Bad News",
}

var nums = []string{"3", "4", "5", "6", "7", "8", "9", "10", "12"}

var linkHosts = []string{"example.com", "example.org", "example.net"}

var quoteAttrs = []string{
	"a client", "one director I coached", "a first-time manager",
	"a former colleague", "an engineering lead", "a founder",
	"a product manager", "one of my mentors",
}

var pluralDets = []string{"", "the ", "your ", "their ", "most ", "these "}

var singularDets = []string{"the ", "a ", "your ", "every ", "their ", "one "}
