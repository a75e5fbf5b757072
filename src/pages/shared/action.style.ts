/**
 * The styles of the pages' write actions, appended to the one stylesheet: forms that fit beside
 * what they change, a destructive button that looks different in outline and text as well as
 * colour, and a focus ring that keyboard users can see.
 */
export const ACTION_STYLESHEET = `
form.toolbar { justify-content: flex-start; }
p a, dd a, li a, td a { text-decoration: underline; text-underline-offset: 2px; }
.edit-form textarea { width: 100%; font: inherit; padding: .5rem; border: 1px solid #cbd2d9; border-radius: 6px; }
button.danger { background: #fff; color: var(--bad); border: 2px dashed var(--bad); }
button.secondary { background: #fff; color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, summary:focus-visible { outline: 3px solid #f0b429; outline-offset: 2px; }
ul.inline-actions { list-style: none; padding: 0; margin: .5rem 0; display: flex; flex-wrap: wrap; gap: .5rem; }
td form { margin: 0; }
.nowrap, .edge-id { white-space: nowrap; }
table.checks td.passed { color: #14532d; }
table.checks td.failed { color: var(--bad); font-weight: 600; }
.dry-run ul { columns: 2; }
`;
