// Server settings that point at code outside the workspace; ignored from workspace settings when the workspace is untrusted.
export const RESTRICTED_SETTINGS: readonly string[] = ['packs'];
