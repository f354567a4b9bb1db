// ECharts options for the dashboard: small builders so each panel states only its data.
export function barOption(labels: string[], values: number[], { horizontal = false, name = '' } = {}) {
  const category = { type: 'category', data: labels, axisLabel: { interval: 0, rotate: horizontal ? 0 : labels.length > 6 ? 30 : 0 } };
  const value = { type: 'value', name };
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? category : value,
    series: [{ type: 'bar', data: values, itemStyle: { color: '#c8161d' }, label: { show: true, position: horizontal ? 'right' : 'top' } }],
  };
}

export function pieOption(items: { name: string; value: number }[]) {
  return {
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0, type: 'scroll' },
    series: [{ type: 'pie', radius: ['35%', '65%'], center: ['50%', '45%'], data: items, label: { formatter: '{b}\n{d}%' } }],
  };
}

export function groupedBarOption(labels: string[], series: { name: string; values: number[] }[]) {
  return {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 8, right: 16, top: 24, bottom: 32, containLabel: true },
    xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, rotate: labels.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value' },
    series: series.map((s) => ({ type: 'bar', name: s.name, data: s.values, stack: undefined })),
  };
}

// Youngest first, whatever order the statistics list the bands in (they come sorted by key: under_30 last).
const AGE_BANDS: [string, string, string][] = [
  ['under_30', '30岁以下', 'Under 30'],
  ['30_39', '30–39岁', '30–39'],
  ['40_49', '40–49岁', '40–49'],
  ['50_59', '50–59岁', '50–59'],
  ['60_plus', '60岁及以上', '60+'],
];

/** The age chart's labels and counts, youngest band first (a band the list does not know goes last). */
export function ageBars(bands: { key?: string | null; count: number }[], lang: 'zh' | 'en'): [string[], number[]] {
  const rank = (key: string | null | undefined) => {
    const index = AGE_BANDS.findIndex(([band]) => band === key);
    return index < 0 ? AGE_BANDS.length : index;
  };
  const sorted = [...bands].sort((a, b) => rank(a.key) - rank(b.key));
  const name = (key: string | null | undefined) => {
    const band = AGE_BANDS.find(([code]) => code === key);
    return band ? band[lang === 'en' ? 2 : 1] : (key ?? '—');
  };
  return [sorted.map((band) => name(band.key)), sorted.map((band) => band.count)];
}
