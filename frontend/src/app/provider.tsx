import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect, useState, type ReactNode } from 'react';
import { LangProvider, useLang } from '@/lib/i18n';
import { makeQueryClient } from '@/lib/query-client';

// Whoever asks their device for less motion gets none: no zooming dialogs or sliding dropdowns (antd's `motion`).
const reducedMotion = typeof window !== 'undefined' && Boolean(window.matchMedia?.('(prefers-reduced-motion: reduce)').matches);

function LocalisedAntd({ children }: { children: ReactNode }) {
  const { lang } = useLang();
  useEffect(() => {
    dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
    document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
  }, [lang]);
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#c8161d', borderRadius: 4, motion: !reducedMotion } }}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function AppProvider({ children, queryClient }: { children: ReactNode; queryClient?: QueryClient }) {
  const [client] = useState(() => queryClient ?? makeQueryClient());
  return (
    <LangProvider>
      <QueryClientProvider client={client}>
        <LocalisedAntd>{children}</LocalisedAntd>
      </QueryClientProvider>
    </LangProvider>
  );
}
