import { FormControl, FormControlLabel, FormLabel, Radio, RadioGroup } from '@mui/material';
import { ThemePreference } from '../../../electron/core/contract';
import { THEME_CHOICES } from '../../components/ThemeMenu';
import { useSettings } from '../../store/settingsStore';
import { SettingsSection } from './SettingsSection';

export function AppearanceSection() {
  const theme = useSettings((state) => state.settings?.theme ?? 'system');
  const setTheme = useSettings((state) => state.setTheme);
  return (
    <SettingsSection id="appearance" title="Appearance">
      <FormControl>
        <FormLabel id="theme-label" sx={{ mb: 1, fontWeight: 600, color: 'text.primary', '&.Mui-focused': { color: 'text.primary' } }}>
          Theme
        </FormLabel>
        <RadioGroup
          row
          aria-labelledby="theme-label"
          value={theme}
          onChange={(event) => {
            const choice = ThemePreference.safeParse(event.target.value);
            if (choice.success) void setTheme(choice.data);
          }}
        >
          {THEME_CHOICES.map((choice) => (
            <FormControlLabel key={choice.value} value={choice.value} control={<Radio />} label={choice.label} />
          ))}
        </RadioGroup>
      </FormControl>
    </SettingsSection>
  );
}
