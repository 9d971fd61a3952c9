export const Glyph = ({ path }: { path: string }) => (
  <svg className="glyph" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
    <path d={path} fill="currentColor" />
  </svg>
);
