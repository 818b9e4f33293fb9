/** The parts of a FHIR searchset Bundle the download reads; the rest is kept as it came. */
export interface FhirBundle {
  resourceType: 'Bundle';
  total?: number;
  link?: { relation: string; url: string }[];
  entry?: unknown[];
  [key: string]: unknown;
}

/** Pages followed at most: a server answering next links for ever must not hang the page. */
const MAX_PAGES = 10_000;

/**
 * `$everything` is paged like a search: follows the `next` links from `first` and returns one Bundle holding every entry
 * (the first page's header, its `self` link only), so the saved file is the whole record.
 */
export async function wholeBundle(first: string, fetchPage: (url: string) => Promise<FhirBundle>): Promise<FhirBundle> {
  const head = await fetchPage(first);
  const entry = [...(head.entry ?? [])];
  let next = head.link?.find((l) => l.relation === 'next')?.url;
  for (let pages = 1; next && pages < MAX_PAGES; pages++) {
    const page = await fetchPage(next);
    entry.push(...(page.entry ?? []));
    next = page.link?.find((l) => l.relation === 'next')?.url;
  }
  return { ...head, link: head.link?.filter((l) => l.relation === 'self'), entry };
}
