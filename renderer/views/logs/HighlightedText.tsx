import { Box } from '@mui/material';
import { highlightParts } from './textMatch';

/** A line with the parts that match the search marked. */
export function HighlightedText({ text, ranges }: { text: string; ranges: ReadonlyArray<readonly [number, number]> }) {
  if (ranges.length === 0) return <>{text}</>;
  return (
    <>
      {highlightParts(text, ranges).map((part, i) =>
        part.hit ? (
          <Box component="mark" key={i} sx={{ bgcolor: 'warning.light', color: 'common.black', borderRadius: 0.5 }}>
            {part.text}
          </Box>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </>
  );
}
