import { alpha } from '@mui/material/styles';
import type { Theme } from '@mui/material/styles';
import type { ITheme } from '@xterm/xterm';

/** ANSI colours that stay readable on a white background. */
const LIGHT_ANSI = {
  black: '#000000',
  red: '#c51e14',
  green: '#107c10',
  yellow: '#8a6d00',
  blue: '#0451a5',
  magenta: '#a626a4',
  cyan: '#0b7285',
  white: '#6e6e6e',
  brightBlack: '#5c5c5c',
  brightRed: '#e02f24',
  brightGreen: '#1a8f1a',
  brightYellow: '#a07f00',
  brightBlue: '#1a66c2',
  brightMagenta: '#bc05bc',
  brightCyan: '#0598bc',
  brightWhite: '#3c3c3c',
};

const DARK_ANSI = {
  black: '#1e1e1e',
  red: '#f14c4c',
  green: '#23d18b',
  yellow: '#e5e510',
  blue: '#3b8eea',
  magenta: '#d670d6',
  cyan: '#29b8db',
  white: '#cccccc',
  brightBlack: '#808080',
  brightRed: '#ff6e6e',
  brightGreen: '#5af0a8',
  brightYellow: '#f5f543',
  brightBlue: '#6cb6ff',
  brightMagenta: '#ef8cef',
  brightCyan: '#62d6f0',
  brightWhite: '#ffffff',
};

/** The terminal's colours from the app theme: its paper and text, and ANSI colours for light or dark. */
export function terminalTheme(theme: Theme): ITheme {
  const { palette } = theme;
  return {
    background: palette.background.paper,
    foreground: palette.text.primary,
    cursor: palette.primary.main,
    cursorAccent: palette.background.paper,
    selectionBackground: alpha(palette.primary.main, 0.3),
    ...(palette.mode === 'dark' ? DARK_ANSI : LIGHT_ANSI),
  };
}

export const TERMINAL_FONT = '"DejaVu Sans Mono", "Cascadia Mono", Consolas, Menlo, "Liberation Mono", monospace';
