(function () {
  /* ES5 on purpose: it runs before the bundle, in IE11 (Office 2016/2019 on Windows) too. */
  if (/Trident\/|MSIE /.test(navigator.userAgent)) {
    window.jixiaoUnsupported = true;
    document.getElementById('root').style.display = 'none';
    document.getElementById('unsupported').style.display = 'block';
  }
})();
