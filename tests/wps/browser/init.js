// Runs in every frame before the page's own scripts (page.addInitScript), after the fake bundle.
// The top frame is WPS: it owns the fake Application and shows task panes as iframes. Each frame is
// its own JavaScript context, as each WPS page is: a pane frame gets its own Application view of the
// same fake workbook (fake.appFor), so every bridge call is counted for the page that made it.
// With the option inject: 'wps', every page gets only `window.wps` (wps.EtApplication()), no window.Application.
(function () {
  function give(win, app, inject, make) {
    if (inject === 'wps') win.wps = make(app);
    else win.Application = app;
  }
  var parent = null;
  try {
    parent = window.top !== window && window.top.__fake ? window.top : null;
  } catch (e) {
    parent = null;
  }
  if (parent) {
    var frame = window.frameElement;
    give(window, parent.__fake.appFor(frame && frame.id ? frame.id : 'pane'), parent.__fakeInject, parent.__jixiaoFake.wpsGlobal);
    return;
  }
  var frames = {};
  var view = {
    show: function (id, url) {
      var f = frames[id];
      if (!f) {
        f = document.createElement('iframe');
        f.id = 'jixiao-pane-' + id;
        f.title = '绩效申报助手';
        f.style.cssText = 'position:fixed;right:0;top:0;width:360px;height:900px;border:0;background:#fff';
        f.src = url;
        frames[id] = f;
        document.body.appendChild(f);
      }
      f.style.display = 'block';
    },
    hide: function (id) {
      if (frames[id]) frames[id].style.display = 'none';
    },
    navigate: function (id, url) {
      if (frames[id]) frames[id].src = url;
    },
    remove: function (id) {
      if (frames[id]) frames[id].remove();
      delete frames[id];
    },
  };
  var options = { taskPaneView: view, eventDelivery: 'async' };
  // A test may play another WPS (window.__fakeOptions, set by an earlier init script).
  var extra = window.__fakeOptions || {};
  for (var k in extra) options[k] = extra[k];
  var fake = window.__jixiaoFake.createFakeEt(options);
  window.__shareCell = window.__jixiaoFake.loadExampleForm(fake.workbook);
  window.__fake = fake;
  window.__fakeInject = extra.inject;
  give(window, fake.app, extra.inject, window.__jixiaoFake.wpsGlobal);
})();
