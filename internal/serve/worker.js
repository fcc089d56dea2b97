// Live reload for `folio serve`: a SharedWorker that holds one event stream
// for every open tab of the preview and passes each message on. Browsers
// allow six HTTP/1.1 connections per host; one stream per tab would leave the
// seventh tab waiting forever.
"use strict";

var ports = [];
var last = null; // the latest state, for tabs that connect later

var source = new EventSource("/__folio/events");
source.onmessage = function (e) {
  var m;
  try {
    m = JSON.parse(e.data);
  } catch (err) {
    return;
  }
  last = { version: m.version, error: m.error || "" };
  ports.forEach(function (port) {
    port.postMessage(m);
  });
};

function add(port) {
  if (ports.indexOf(port) < 0) ports.push(port);
  if (last) port.postMessage(last);
}

self.onconnect = function (e) {
  var port = e.ports[0];
  port.onmessage = function (ev) {
    if (ev.data === "bye") {
      ports = ports.filter(function (p) {
        return p !== port;
      });
    } else if (ev.data === "hello") {
      add(port);
    }
  };
  add(port);
};
