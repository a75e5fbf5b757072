/**
 * The shared page layout (header navigation, stylesheet, main column) and the error page that
 * uses it for 400, 404 and 500 answers.
 */
import { type Html, type HtmlValue, html } from './html.ts';

/** What a page hands to the layout. */
export interface PageProps {
  /** Text of `<title>`, before the site name. */
  title: string;
  /** The contents of `<main>`. */
  body: HtmlValue;
}

/** A whole HTML document around `props.body`. */
export function renderLayout(props: PageProps): Html {
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${props.title} · modelgraph</title>
<link rel="stylesheet" href="/assets/style.css">
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
</head>
<body>
<header class="site-header">
<nav aria-label="Main">
<a class="brand" href="/models">modelgraph</a>
<a href="/models">Models</a>
<a href="/kg">Knowledge graph</a>
<a href="/kg/review">Review queue</a>
<a href="/docs">API docs</a>
</nav>
</header>
<main>
${props.body}
</main>
</body>
</html>
`;
}

const HEADINGS: Record<number, string> = {
  400: 'Bad request',
  401: 'Sign in needed',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict',
  500: 'Something went wrong',
};

/** What an error page offers besides its message: more content, and the way back. */
export interface ErrorPageOptions {
  extra?: HtmlValue;
  back?: { href: string; label: string };
}

const BACK_TO_CATALOG = { href: '/models', label: 'Back to the model catalog' };

/** The error page: a heading for the status, a human sentence, and a way back. Never a stack trace. */
export function renderErrorPage(status: number, message: string, options: ErrorPageOptions = {}): Html {
  const heading = HEADINGS[status] ?? 'Error';
  const back = options.back ?? BACK_TO_CATALOG;
  return renderLayout({
    title: heading,
    body: html`<section class="error-page">
<h1>${status} · ${heading}</h1>
<p>${message}</p>
${options.extra ?? ''}
<p><a href="${back.href}">${back.label}</a></p>
</section>`,
  });
}
