// The generation targets the server offers (src/infranest/generate/targets/).
export const TARGETS = ["fastapi", "django", "fiber", "express", "rails"] as const;
export type Target = (typeof TARGETS)[number];
