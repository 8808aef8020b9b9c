/**
 * Status glyphs drawn as inline SVG: they render the same with or without an emoji or symbol
 * font. Always beside words that say the same thing, so they are hidden from screen readers.
 */
export type GlyphName = 'critical' | 'warning' | 'info' | 'deficit' | 'low' | 'normal' | 'high' | 'excess' | 'unknown';

const PATHS: Record<GlyphName, { shape: string; mark: string }> = {
  // An octagon with a bar: stop.
  critical: { shape: 'M5 1h6l4 4v6l-4 4H5l-4-4V5z', mark: 'M4.5 7h7v2h-7z' },
  // A triangle with an exclamation mark.
  warning: { shape: 'M8 1l7.5 13.5H.5z', mark: 'M7 5.5h2v4.5H7zM7 11.3h2v1.9H7z' },
  // A circle with an "i".
  info: { shape: 'M8 .5a7.5 7.5 0 1 1 0 15 7.5 7.5 0 0 1 0-15z', mark: 'M7 6.8h2v5.7H7zM7 3.6h2v2H7z' },
  deficit: { shape: 'M1.5 3.5h13L8 13.5z', mark: '' },
  excess: { shape: 'M8 2.5l6.5 10h-13z', mark: '' },
  // Outside the lab range only: the same arrows, drawn hollow.
  low: { shape: 'M1.5 3.5h13L8 13.5zM4.6 5.3L8 10.6l3.4-5.3z', mark: '' },
  high: { shape: 'M8 2.5l6.5 10h-13zM8 6.2l-3.4 4.6h6.8z', mark: '' },
  normal: {
    shape: 'M8 .5a7.5 7.5 0 1 1 0 15 7.5 7.5 0 0 1 0-15z',
    mark: 'M4 8.2l1.4-1.4 1.8 1.8 3.6-3.8 1.4 1.4-5 5.2z',
  },
  unknown: {
    shape: 'M8 .5a7.5 7.5 0 1 1 0 15 7.5 7.5 0 0 1 0-15z',
    mark: 'M5.4 6.1a2.6 2.6 0 1 1 3.6 2.4c-.5.2-.8.6-.8 1.1v.4H6.8v-.6c0-1 .6-1.8 1.5-2.2a1 1 0 1 0-1.3-1.1zM6.8 11.2h1.6v1.6H6.8z',
  },
};

export function Glyph({ name }: { name: GlyphName }) {
  const { shape, mark } = PATHS[name];
  return (
    <svg
      className={`glyph glyph--${name}`}
      viewBox="0 0 16 16"
      width="1em"
      height="1em"
      aria-hidden="true"
      focusable="false"
    >
      <path d={shape} fill="currentColor" fillRule="evenodd" />
      {mark && <path d={mark} fill="var(--glyph-mark, #fff)" />}
    </svg>
  );
}
