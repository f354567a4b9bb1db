import { useMutation } from '@tanstack/react-query';
import { login } from '@/lib/auth';

export interface LoginInput {
  username: string;
  password: string;
}

export const loginFn = ({ username, password }: LoginInput) => login(username, password);

export function useLogin() {
  return useMutation({ mutationFn: loginFn });
}
