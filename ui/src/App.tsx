import { useEffect, useState, type ReactNode } from 'react';
import { api, signOut, type CurrentUser } from './api';
import { ErrorNotice, Loading } from './components/Status';
import { adminRoutes } from './admin/routes';
import { Home } from './Home';
import { learnerRoutes } from './learner/routes';
import { passportRoutes } from './passport/routes';
import { reviewRoutes } from './review/routes';
import { sessionRoutes } from './sessions/routes';
import { Link, match, usePath, type Route } from './router';
import { mayOpen, UserContext } from './user';

interface NavItem {
  label: string;
  href: string;
  /** Who sees it; the server enforces the same split on pages and APIs. */
  group?: 'learners' | 'evaluators' | 'admins';
}

const navigation: NavItem[] = [
  { label: 'Learn', href: '/learn' },
  { label: 'My skills', href: '/skills' },
  { label: 'Peer sessions', href: '/sessions', group: 'learners' },
  { label: 'Passport', href: '/passport' },
  { label: 'Review', href: '/review', group: 'evaluators' },
  { label: 'Admin', href: '/admin', group: 'admins' },
];

const routes: Route[] = [
  { path: '/', render: () => <Home /> },
  ...learnerRoutes,
  ...passportRoutes,
  ...reviewRoutes,
  ...sessionRoutes,
  ...adminRoutes,
];

export function App() {
  const [user, setUser] = useState<CurrentUser>();
  const [error, setError] = useState<Error>();
  const path = usePath();

  useEffect(() => {
    api<CurrentUser>('/api/me').then(setUser, setError);
  }, []);

  let page: ReactNode = <NotFound />;
  for (const route of routes) {
    const params = match(route.path, path);
    if (params) {
      page = route.render(params);
      break;
    }
  }

  return (
    <>
      <a className="skip" href="#content">Skip to content</a>
      <header className="bar">
        <Link className="brand" href="/">Proving Ground</Link>
        {user && (
          <nav aria-label="Main">
            {navigation.filter((item) => mayOpen(user, item.group)).map((item) => (
              <Link key={item.href} href={item.href} aria-current={path.startsWith(item.href) ? 'page' : undefined}>
                {item.label}
              </Link>
            ))}
          </nav>
        )}
        {user && (
          <span className="who" data-testid="signed-in-user">
            {user.userId} <small>({user.groups.join(', ')})</small>
          </span>
        )}
        <button className="link" onClick={() => void signOut()}>Sign out</button>
      </header>
      <main className="page" id="content">
        {error ? <ErrorNotice error={error} /> : !user ? <Loading /> : <UserContext.Provider value={user}>{page}</UserContext.Provider>}
      </main>
    </>
  );
}

function NotFound() {
  return (
    <>
      <h1>Page not found</h1>
      <p>There is nothing at this address. <Link href="/">Go to the start page</Link>.</p>
    </>
  );
}
