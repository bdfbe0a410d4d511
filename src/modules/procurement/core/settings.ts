/**
 * Cardinal's settings for the `indicators` command, typed. A key present for an indicator (even an
 * empty object) enables it, as an `[Rnnn]` section does in Cardinal's INI file.
 */
export interface IndicatorSettings {
  /** Main currency; amounts in other currencies are left out. Unset: the first currency seen. */
  currency?: string;
  /** Allow list of `tender.procurementMethodDetails` for price-comparison indicators (R024, R028, R036, R058). */
  priceComparisonProcurementMethods: ReadonlySet<string>;
  /** Deny list of the same, used when the allow list is empty. */
  noPriceComparisonProcurementMethods: ReadonlySet<string>;
  /** `[exclusions] procurement_method_details`: processes left out of every indicator. */
  excludedProcurementMethodDetails: ReadonlySet<string>;
  R003?: { threshold?: number; procurementMethods?: ReadonlySet<string>; procurementMethodDetails?: Readonly<Record<string, number>> };
  R018?: { procurementMethods?: ReadonlySet<string> };
  R024?: { threshold?: number };
  R025?: { percentile?: number; threshold?: number };
  R028?: Record<string, never>;
  R030?: Record<string, never>;
  R035?: { threshold?: number };
  R036?: Record<string, never>;
  R038?: { threshold?: number; minimumSubmittedBids?: number; minimumContractingProcesses?: number };
  R044?: Record<string, never>;
  R048?: { digits?: number; threshold?: number; minimumContractingProcesses?: number };
  R058?: { threshold?: number };
}

/** Settings with no indicator enabled and no filters. */
export function createEmptySettings(): IndicatorSettings {
  return {
    priceComparisonProcurementMethods: new Set(),
    noPriceComparisonProcurementMethods: new Set(),
    excludedProcurementMethodDetails: new Set(),
  };
}

/** Whether price-comparison indicators (R024, R028, R036, R058) apply to this process's method details. */
export function allowsPriceComparison(settings: IndicatorSettings): (release: Record<string, unknown>) => boolean {
  const include = settings.priceComparisonProcurementMethods;
  const exclude = settings.noPriceComparisonProcurementMethods;
  return (release) => {
    const tender = release.tender;
    const details =
      typeof tender === 'object' && tender !== null && !Array.isArray(tender)
        ? (tender as Record<string, unknown>).procurementMethodDetails
        : undefined;
    if (typeof details !== 'string') return include.size === 0;
    return include.size === 0 ? !exclude.has(details) : include.has(details);
  };
}
