import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useSession } from '@/lib/auth';

// Apart from the layout (a chunk of its own, loaded once logged in), so the login page's first load is small.
export function RequireAuth({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (!session) {
    // The worker's installed app reopened without a network: the last payslip this phone showed.
    if (location.pathname.startsWith('/me') && typeof navigator !== 'undefined' && !navigator.onLine) return <Navigate to="/offline" replace />;
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  // An initial or reset password: the password change first (every API call answers 403 until then).
  if (session.mustChangePassword) return <Navigate to="/change-password" replace />;
  // The region requires a second factor this account has not enrolled: enrolment first (the API refuses the rest).
  if (session.secondFactorSetupRequired) return <Navigate to="/second-factor" replace />;
  return <>{children}</>;
}
