// The committee digest workflow, started by a Temporal Schedule (committee issue).
export async function committeeDigestWorkflow(): Promise<void> {}
