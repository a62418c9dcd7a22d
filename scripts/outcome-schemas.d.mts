export function outcomeSchemaFiles(): Promise<Record<string, string>>;
