// Small helpers for building the page's HTML safely.

/** text with the characters that mean something in HTML written as character references. */
export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A <table> with a header row and rows of cells; a cell is text, a Node, or {text, className, color, title, note}. */
export function dataTable(headers, rows, className) {
  const table = document.createElement('table');
  table.className = className;
  const head = table.createTHead().insertRow();
  headers.forEach((header) => {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = header;
    head.append(th);
  });
  const body = table.createTBody();
  rows.forEach((cells) => {
    const tr = body.insertRow();
    cells.forEach((cell) => fillCell(tr.insertCell(), cell));
  });
  return table;
}

function fillCell(td, cell) {
  if (cell instanceof Node) {
    td.append(cell);
  } else if (cell !== null && typeof cell === 'object') {
    td.textContent = cell.text ?? '';
    if (cell.className) td.className = cell.className;
    if (cell.color) td.style.color = cell.color;
    if (cell.title) td.title = cell.title;
    if (cell.note) {
      const note = document.createElement('div');
      note.className = 'cell-note';
      note.textContent = cell.note;
      td.append(note);
    }
  } else {
    td.textContent = cell ?? '';
  }
}

export function element(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text != null) el.textContent = text;
  return el;
}
