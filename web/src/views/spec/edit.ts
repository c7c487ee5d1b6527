// An ER edit: spec text in, spec text out (throws ErEditError when refused).
export type Edit = (text: string) => string;
