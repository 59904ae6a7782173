import { createTheme } from '@mui/material/styles';
import type { Theme } from '@mui/material/styles';

export type PaletteMode = 'light' | 'dark';

export function createAppTheme(mode: PaletteMode): Theme {
  const dark = mode === 'dark';
  return createTheme({
    palette: {
      mode,
      primary: { main: dark ? '#6fb3ff' : '#0b5cad' },
      secondary: { main: dark ? '#ffb86b' : '#b4530a' },
      // Text in the warning tone uses `dark` on light backgrounds: MUI's default (#e65100) is below 4.5:1 on white.
      // and in the dark theme, red text and white on red are too dim on the dark greys, so red is lighter with dark text on it.
      ...(dark ? { error: { main: '#ff7b72', light: '#ffa198', dark: '#d0453b', contrastText: '#1a0402' } } : { warning: { main: '#ed6c02', dark: '#a14000' } }),
      background: dark ? { default: '#101418', paper: '#171c22' } : { default: '#f4f6f9', paper: '#ffffff' },
    },
    shape: { borderRadius: 8 },
    typography: {
      fontFamily: '"Segoe UI", Roboto, "Helvetica Neue", Arial, "DejaVu Sans", sans-serif',
      h1: { fontSize: '1.6rem', fontWeight: 600 },
      h2: { fontSize: '1.25rem', fontWeight: 600 },
    },
    components: {
      MuiAppBar: { defaultProps: { elevation: 0 } },
      MuiButton: { defaultProps: { disableElevation: true } },
    },
  });
}
