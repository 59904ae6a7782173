import {
  Alert,
  Box,
  Button,
  Card,
  CardActions,
  CardContent,
  Chip,
  LinearProgress,
  Typography,
} from "@mui/material";
import { useWizards } from "../../store/wizardStore";
import { kindLabel } from "../alarms/alarmKinds";
import { wizardName } from "../platform/wizardNames";
import { WIZARD_IDS } from "./wizardTypes";

/** The wizards the console runs, each with what it does, the wiki procedure it follows and the alarms that suggest it. */
export function CatalogTab() {
  const catalog = useWizards((s) => s.catalog);
  const catalogError = useWizards((s) => s.catalogError);
  const requestStart = useWizards((s) => s.requestStart);
  if (catalogError) return <Alert severity="error">{catalogError}</Alert>;
  if (catalog.length === 0)
    return <LinearProgress aria-label="Loading the wizards" />;
  const coming = WIZARD_IDS.filter((id) => !catalog.some((w) => w.id === id));
  return (
    <>
      <Box
        component="ul"
        aria-label="Wizard catalog"
        sx={{
          listStyle: "none",
          p: 0,
          m: 0,
          display: "grid",
          gap: 2,
          gridTemplateColumns: "repeat(auto-fill, minmax(380px, 1fr))",
        }}
      >
        {catalog.map((wizard) => (
          <Card
            component="li"
            key={wizard.id}
            variant="outlined"
            sx={{ display: "flex", flexDirection: "column" }}
            aria-labelledby={`wizard-${wizard.id}`}
          >
            <CardContent sx={{ flex: 1 }}>
              <Typography
                variant="h2"
                component="h2"
                id={`wizard-${wizard.id}`}
                sx={{ fontSize: "1.05rem", fontWeight: 600, mb: 0.5 }}
              >
                {wizard.title}
              </Typography>
              <Typography variant="body2" sx={{ mb: 1 }}>
                {wizard.summary}
              </Typography>
              <Typography variant="body2" color="text.secondary">
                {wizard.reference}
              </Typography>
              <Box sx={{ display: "flex", gap: 0.5, flexWrap: "wrap", mt: 1 }}>
                <Chip size="small" label={`${wizard.stepCount} steps`} />
                {wizard.alarmKinds.map((kind) => (
                  <Chip
                    key={kind}
                    size="small"
                    variant="outlined"
                    label={`Alarm: ${kindLabel(kind)}`}
                  />
                ))}
              </Box>
            </CardContent>
            <CardActions>
              <Button
                onClick={() =>
                  requestStart({ wizardId: wizard.id, platformId: null })
                }
                aria-label={`Start ${wizard.title}`}
              >
                Start…
              </Button>
            </CardActions>
          </Card>
        ))}
      </Box>
      {coming.length > 0 && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }}>
          Not available in this version yet, to do by hand as the wiki
          describes: {coming.map((id) => wizardName(id)).join(", ")}.
        </Typography>
      )}
    </>
  );
}
