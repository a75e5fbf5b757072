/**
 * The site icon, served at `/assets/favicon.svg` and named by the layout, so browsers do not ask
 * for a missing `/favicon.ico`: three linked nodes, the shape of a provenance graph.
 */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
<rect width="32" height="32" rx="7" fill="#102a43"/>
<path d="M9 22 16 10 23 22Z" fill="none" stroke="#9fb3c8" stroke-width="2"/>
<circle cx="16" cy="10" r="4" fill="#5fa8ff"/><circle cx="9" cy="22" r="4" fill="#7bd389"/><circle cx="23" cy="22" r="4" fill="#f7c948"/>
</svg>
`;
