import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Box, Button, CircularProgress, Paper, Stack, Tooltip, Typography } from '@mui/material';
import { useTheme } from '@mui/material/styles';
import AdminPanelSettingsIcon from '@mui/icons-material/AdminPanelSettings';
import RefreshIcon from '@mui/icons-material/Refresh';
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { api } from '../../api/api';
import { describeError } from '../../store/describeError';
import { useFleet } from '../../store/fleetStore';
import { connectTerminal } from './terminal/terminalConnection';
import type { TerminalConnection } from './terminal/terminalConnection';
import { TERMINAL_FONT, terminalTheme } from './terminal/terminalTheme';

type Phase = 'opening' | 'open' | 'ended';

interface Notice {
  severity: 'error' | 'info';
  text: string;
}

/** An interactive shell on the platform as the SSH user, with su root one click away. */
export function TerminalTab({ platformId, platformName }: { platformId: string; platformName: string }) {
  const theme = useTheme();
  const hasRootPassword = useFleet((s) => Boolean(s.platforms.find((p) => p.id === platformId)?.credentials.rootPasswordRef));
  const hostRef = useRef<HTMLDivElement>(null);
  const xtermRef = useRef<Terminal | null>(null);
  const connectionRef = useRef<TerminalConnection | null>(null);
  const [generation, setGeneration] = useState(0);
  const [phase, setPhase] = useState<Phase>('opening');
  const [notice, setNotice] = useState<Notice | null>(null);
  const [switching, setSwitching] = useState(false);

  // The xterm instance lives as long as the tab; sessions come and go with Reconnect.
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return undefined;
    const xterm = new Terminal({ fontFamily: TERMINAL_FONT, fontSize: 13, scrollback: 5000, cursorBlink: true, convertEol: false });
    const fit = new FitAddon();
    xterm.loadAddon(fit);
    xterm.open(host);
    xtermRef.current = xterm;
    const refit = () => {
      try {
        fit.fit();
      } catch {
        // not laid out yet
      }
    };
    refit();
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(refit);
    });
    observer.observe(host);
    const typing = xterm.onData((data) => connectionRef.current?.write(data));
    const resizing = xterm.onResize((size) => connectionRef.current?.resize(size));
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      typing.dispose();
      resizing.dispose();
      xtermRef.current = null;
      xterm.dispose();
    };
  }, []);

  useEffect(() => {
    if (xtermRef.current) xtermRef.current.options.theme = terminalTheme(theme);
  }, [theme]);

  useEffect(() => {
    const xterm = xtermRef.current;
    if (!xterm) return undefined;
    xterm.reset();
    setPhase('opening');
    setNotice(null);
    const connection = connectTerminal(api, platformId, { cols: xterm.cols, rows: xterm.rows }, {
      opened: () => {
        setPhase('open');
        xterm.focus();
      },
      output: (data) => xterm.write(data),
      exit: (message) => {
        setPhase('ended');
        setNotice({ severity: 'info', text: message });
      },
      problem: (text) => {
        setPhase((current) => (current === 'opening' ? 'ended' : current));
        setNotice({ severity: 'error', text });
      },
    });
    connectionRef.current = connection;
    return () => {
      connectionRef.current = null;
      connection.close();
    };
  }, [platformId, generation]);

  const reconnect = useCallback(() => setGeneration((g) => g + 1), []);

  const becomeRoot = useCallback(async () => {
    const connection = connectionRef.current;
    if (!connection) return;
    setSwitching(true);
    setNotice(null);
    try {
      await connection.becomeRoot();
    } catch (error) {
      setNotice({ severity: 'error', text: describeError(error, 'switch the terminal to root') });
    } finally {
      setSwitching(false);
      xtermRef.current?.focus();
    }
  }, []);

  const rootHint = !hasRootPassword
    ? `No root password is stored for ${platformName}. Store it with the platform's credentials to use Become root.`
    : phase !== 'open'
      ? 'The terminal is not open.'
      : 'Runs su root in the terminal and answers its password prompt with the stored root password, which is never shown.';

  return (
    <Stack spacing={1.5} sx={{ height: 'max(360px, calc(100vh - 260px))' }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Tooltip title={rootHint}>
          {/* A disabled button shows no tooltip by itself. */}
          <span>
            <Button
              variant="outlined"
              startIcon={switching ? <CircularProgress size={16} aria-hidden /> : <AdminPanelSettingsIcon />}
              disabled={!hasRootPassword || phase !== 'open' || switching}
              onClick={() => void becomeRoot()}
            >
              {switching ? 'Becoming root…' : 'Become root'}
            </Button>
          </span>
        </Tooltip>
        <Button variant="outlined" startIcon={<RefreshIcon />} onClick={reconnect} disabled={phase === 'opening'}>
          Reconnect
        </Button>
        <Typography variant="body2" color="text.secondary" role="status" sx={{ flex: 1, textAlign: 'right' }}>
          {phase === 'opening' ? `Connecting to ${platformName}…` : phase === 'open' ? `Shell on ${platformName}` : 'Not connected'}
        </Typography>
      </Stack>
      {notice && (
        <Alert
          severity={notice.severity}
          onClose={() => setNotice(null)}
          action={
            phase === 'ended' ? (
              <Button color="inherit" size="small" onClick={reconnect}>
                Reconnect
              </Button>
            ) : undefined
          }
        >
          {notice.text}
        </Alert>
      )}
      <Paper variant="outlined" sx={{ flex: 1, minHeight: 0, p: 1, bgcolor: 'background.paper', overflow: 'hidden' }}>
        <Box ref={hostRef} role="group" aria-label={`Terminal on ${platformName}`} sx={{ height: '100%', width: '100%' }} />
      </Paper>
    </Stack>
  );
}
