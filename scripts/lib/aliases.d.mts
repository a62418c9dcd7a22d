export const MODULE_ALIASES: Record<string, string>;
