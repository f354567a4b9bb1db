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
