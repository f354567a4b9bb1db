import { useMutation } from '@tanstack/react-query';
import { login } from '@/lib/auth';

export interface LoginInput {
  username: string;
  password: string;
  /** The 6-digit code, once the API answered 401 otp_required. */
  otp?: string;
}

export const loginFn = ({ username, password, otp }: LoginInput) => login(username, password, otp);

export function useLogin() {
  return useMutation({ mutationFn: loginFn });
}
