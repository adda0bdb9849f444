import { createContext, useContext } from 'react';
import type { CurrentUser } from './api';

export const UserContext = createContext<CurrentUser | null>(null);

/** The signed-in user; pages render only once it is known. */
export function useUser(): CurrentUser {
  const user = useContext(UserContext);
  if (!user) throw new Error('useUser outside the signed-in app');
  return user;
}

/** Whether the user belongs to `group` (admins belong everywhere); the server enforces the same split. */
export function mayOpen(user: CurrentUser, group?: string): boolean {
  return !group || user.admin || user.groups.includes(group);
}
