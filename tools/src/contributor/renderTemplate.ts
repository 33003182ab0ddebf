/**
 * Fills a template's `{{key}}` placeholders with `values`. A placeholder with no value is
 * an error naming it, so a template never produces a half-filled file.
 */
export function renderTemplate(template: string, values: Readonly<Record<string, string>>, source: string): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_match, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`${source}: no value for the placeholder {{${key}}}`);
    return value;
  });
}
