import ReactMarkdown, { type Components, type UrlTransform } from 'react-markdown';

/**
 * Renders the core's markdown as React elements: no raw HTML (skipped, never parsed into the
 * DOM), no images, only http(s) links. Text copied from the EHR arrives escaped by the core and
 * is shown as text in any case.
 */
const ALLOWED = ['p', 'strong', 'em', 'ul', 'ol', 'li', 'a', 'code', 'br', 'blockquote', 'del'];

export const safeUrl: UrlTransform = (url) => (/^https?:\/\//i.test(url.trim()) ? url.trim() : undefined);

const components: Components = {
  a: ({ href, children }) =>
    href ? (
      <a href={href} target="_blank" rel="noreferrer noopener">
        {children}
      </a>
    ) : (
      <span>{children}</span>
    ),
};

export function Markdown({ text }: { text: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown skipHtml allowedElements={ALLOWED} unwrapDisallowed urlTransform={safeUrl} components={components}>
        {text}
      </ReactMarkdown>
    </div>
  );
}

export default Markdown;
