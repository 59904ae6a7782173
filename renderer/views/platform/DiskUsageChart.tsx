import { Box, Typography } from '@mui/material';
import { useTheme } from '@mui/material/styles';
import { LineChart, lineClasses } from '@mui/x-charts/LineChart';
import { ChartsReferenceLine } from '@mui/x-charts/ChartsReferenceLine';
import type { DiskLines, UsageSeries } from './diskHistory';
import { formatPercent } from '../../format/bytes';

const when = (date: Date) => date.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

function summary(series: UsageSeries, lines: DiskLines): string {
  const first = series.percents[0] ?? 0;
  const last = series.percents[series.percents.length - 1] ?? 0;
  const from = series.times[0];
  const to = series.times[series.times.length - 1];
  const span = from && to ? ` from ${when(from)} to ${when(to)}` : '';
  return `Used share of the data partition${span}: ${formatPercent(first)} at the start, ${formatPercent(last)} now, highest ${formatPercent(Math.max(...series.percents))}. Alarm at ${lines.alarmPercent} %, warning at ${lines.warningPercent} %.`;
}

/** Used % over time with the platform's alarm threshold and the warning line below it. */
export function DiskUsageChart({ series, lines }: { series: UsageSeries; lines: DiskLines }) {
  const theme = useTheme();
  const warning = theme.palette.mode === 'dark' ? theme.palette.warning.light : theme.palette.warning.dark;
  const text = summary(series, lines);
  return (
    <Box component="figure" sx={{ m: 0 }} aria-label="Disk usage over time">
      <LineChart
        height={320}
        skipAnimation
        hideLegend
        grid={{ horizontal: true }}
        sx={{ [`& .${lineClasses.area}`]: { fillOpacity: 0.2 } }}
        xAxis={[{ data: series.times, scaleType: 'time', valueFormatter: (value: Date) => when(value) }]}
        yAxis={[{ min: 0, max: 100, label: 'Used %', valueFormatter: (value: number) => `${value} %` }]}
        series={[
          {
            data: series.percents,
            label: 'Used',
            showMark: false,
            area: true,
            color: theme.palette.primary.main,
            valueFormatter: (value: number | null) => (value === null ? '' : `${value.toFixed(1)} %`),
          },
        ]}
      >
        <ChartsReferenceLine
          y={lines.alarmPercent}
          label={`Alarm ${lines.alarmPercent} %`}
          labelAlign="start"
          lineStyle={{ stroke: theme.palette.error.main, strokeDasharray: '6 4', strokeWidth: 2 }}
          labelStyle={{ fill: theme.palette.error.main, fontSize: 12 }}
        />
        <ChartsReferenceLine
          y={lines.warningPercent}
          label={`Warning ${lines.warningPercent} %`}
          labelAlign="start"
          lineStyle={{ stroke: warning, strokeDasharray: '2 4', strokeWidth: 2 }}
          labelStyle={{ fill: warning, fontSize: 12 }}
        />
      </LineChart>
      <Typography component="figcaption" variant="body2" color="text.secondary">
        {text}
      </Typography>
    </Box>
  );
}
