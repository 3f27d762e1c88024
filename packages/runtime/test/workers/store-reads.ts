/** Store reads by binding across the fixture Worker's seven caches; tests reset and inspect it. */
export const storeReads: string[] = [];
