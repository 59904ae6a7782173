import { List, ListItem, ListItemButton, ListItemText } from '@mui/material';

export interface SettingsNavItem {
  id: string;
  label: string;
}

/** The sections beside the Settings screen; a click scrolls to one and moves the focus there (no URL hash: that names the view). */
export function SettingsNav({ items }: { items: readonly SettingsNavItem[] }) {
  const jump = (id: string) => {
    const target = document.getElementById(id);
    if (!target) return;
    target.scrollIntoView({ behavior: 'smooth', block: 'start' });
    target.setAttribute('tabindex', '-1');
    target.focus({ preventScroll: true });
  };
  return (
    <nav aria-label="Settings sections">
      <List dense disablePadding>
        {items.map((item) => (
          <ListItem key={item.id} disablePadding>
            <ListItemButton onClick={() => jump(item.id)} sx={{ borderRadius: 1 }}>
              <ListItemText primary={item.label} />
            </ListItemButton>
          </ListItem>
        ))}
      </List>
    </nav>
  );
}
