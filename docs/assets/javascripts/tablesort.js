// Make the tables a page marks as sortable clickable: a page wraps such a table in
// <div class="sortable" markdown> ... </div>, and every other table keeps its written order.
// Runs on first load and after every instant navigation (Material emits document$ for both).
document$.subscribe(() => {
  for (const table of document.querySelectorAll("article .sortable table")) {
    new Tablesort(table);
  }
});
