import { memo } from 'react';

/** A cell's main text in bold over a smaller second line, both cut with an ellipsis. */
export const TwoLines = memo(function TwoLines({ main, sub, title }: { main: string; sub: string; title?: string }) {
  return (
    <div className="fc-two" title={title}>
      <div className="fc-line fc-strong">{main}</div>
      <div className="fc-line fc-sub">{sub || '\u00a0'}</div>
    </div>
  );
});
