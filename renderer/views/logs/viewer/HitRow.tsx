import { Box, ButtonBase } from '@mui/material';
import type { ViewerLine } from '../../../../electron/core/contract';
import { HighlightedText } from '../HighlightedText';
import { lineTimeText } from './lineTime';

/** A found or merged line: time, file and line number above, the text below; a click opens it in the file reader. */
export function HitRow({ line, ranges, colour, onOpen }: { line: ViewerLine; ranges: ReadonlyArray<readonly [number, number]>; colour?: string; onOpen(line: ViewerLine): void }) {
  return (
    <ButtonBase
      onClick={() => onOpen(line)}
      sx={{
        display: 'block',
        textAlign: 'left',
        width: '100%',
        minWidth: 'max-content',
        height: '100%',
        pl: colour ? 1 : 0,
        borderLeft: colour ? `4px solid ${colour}` : undefined,
        font: 'inherit',
        '&:hover': { bgcolor: 'action.hover' },
        '&.Mui-focusVisible': { outline: 2, outlineStyle: 'solid', outlineColor: 'primary.main', outlineOffset: -2 },
      }}
    >
      <Box component="span" sx={{ display: 'block', color: 'text.secondary' }}>
        {line.at ? `${lineTimeText(line.at)}  ` : ''}
        {`${line.file}:${line.line}`}
      </Box>
      <Box component="span" sx={{ display: 'block' }}>
        <HighlightedText text={line.text} ranges={ranges} />
      </Box>
    </ButtonBase>
  );
}
