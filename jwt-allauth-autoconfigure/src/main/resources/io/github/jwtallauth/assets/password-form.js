// The reset and set-password forms of jwt-allauth's built-in pages: posts the form with its CSRF
// header, shows field errors beside the fields, and on success goes to the done page (data-done) or
// shows the done message. A file rather than an inline script so that the pages' Content-Security-Policy
// needs no 'unsafe-inline'; the translated failure text comes from the form's data-failed attribute.
(function () {
  var form = document.getElementById('password-form');
  if (!form) { return; }
  var failed = form.getAttribute('data-failed') || 'That did not work.';
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    form.querySelectorAll('.error').forEach(function (el) { el.textContent = ''; });
    var button = form.querySelector('button');
    button.disabled = true;
    fetch(form.action, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Accept': 'application/json', 'X-CSRF-TOKEN': form.elements['_csrf'].value },
      body: new URLSearchParams(new FormData(form))
    }).then(function (response) {
      if (response.ok) {
        var done = form.getAttribute('data-done');
        if (done) { window.location.assign(done); return; }
        form.hidden = true;
        document.getElementById('done-message').hidden = false;
        return;
      }
      return response.json().catch(function () { return {}; }).then(function (problem) {
        var shown = false;
        Object.keys(problem.errors || {}).forEach(function (field) {
          var target = form.querySelector('[data-field="' + field + '"]') || document.getElementById('form-error');
          target.textContent = problem.errors[field].join(' ');
          shown = true;
        });
        if (!shown) { document.getElementById('form-error').textContent = problem.detail || failed; }
        button.disabled = false;
      });
    }).catch(function () {
      document.getElementById('form-error').textContent = failed;
      button.disabled = false;
    });
  });
})();
