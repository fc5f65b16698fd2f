(function () {
  'use strict';
  var NAMES = {u: 'unreachable', e: 'error', d: 'drift', m: 'managed-by-mdm', x: 'needs-edition',
    c: 'compliant', w: 'waived', n: 'not_applicable'};
  var matrix = document.getElementById('matrix');
  var box = document.getElementById('filter');
  var shown = document.getElementById('shown');
  var heads = matrix.querySelector('thead tr').cells;
  var first = Number(matrix.getAttribute('data-first'));
  var rows = matrix.querySelectorAll('tr.host');
  var rooms = matrix.querySelectorAll('div.room');
  var drill = {};
  var texts = null;
  Array.prototype.forEach.call(document.querySelectorAll('details.host'), function (d) {
    drill[d.getAttribute('data-host')] = d;
  });
  function searchText(row) {
    var parts = [], cells = row.cells, i, status;
    for (i = 0; i < first; i++) { parts.push(cells[i].textContent); }
    for (i = first; i < cells.length; i++) {
      status = NAMES[cells[i].className];
      if (status) { parts.push(heads[i].textContent + ' ' + status); }
    }
    return parts.join(' ').toLowerCase();
  }
  function apply() {
    var q = box.value.trim().toLowerCase(), n = 0, i, show, d, visible = [];
    if (q && texts === null) {
      texts = [];
      for (i = 0; i < rows.length; i++) { texts.push(searchText(rows[i])); }
    }
    for (i = 0; i < rows.length; i++) {
      show = !q || texts[i].indexOf(q) >= 0;
      rows[i].style.display = show ? '' : 'none';
      d = drill[rows[i].getAttribute('data-host')];
      if (d) { d.style.display = show ? '' : 'none'; }
      if (show) { n++; visible.push(rows[i]); }
    }
    for (i = 0; i < rooms.length; i++) { rooms[i].style.display = 'none'; }
    for (i = 0; i < visible.length; i++) { visible[i].closest('div.room').style.display = ''; }
    shown.textContent = n + ' of ' + rows.length + ' hosts';
  }
  matrix.addEventListener('mouseover', function (event) {
    var cell = event.target;
    if (cell.tagName === 'TD' && cell.cellIndex >= first && !cell.title && NAMES[cell.className]) {
      cell.title = heads[cell.cellIndex].textContent + ' ' + heads[cell.cellIndex].title + ': ' +
        NAMES[cell.className].replace('_', ' ');
    }
  });
  matrix.addEventListener('click', function (event) {
    var row = event.target.closest('tr.host'), d = row && drill[row.getAttribute('data-host')];
    if (d) { d.open = true; d.scrollIntoView(); }
  });
  box.addEventListener('input', apply);
  apply();
}());
