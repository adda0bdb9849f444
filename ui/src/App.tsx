import { useEffect, useState, type ReactNode } from 'react';
import { signedInUser, signOut, type CurrentUser } from './api';
import { ErrorNotice, Loading } from './components/Status';
import { adminRoutes } from './admin/routes';
import { Home } from './Home';
import { learnerRoutes } from './learner/routes';
import { passportRoutes, publicPassportRoutes } from './passport/routes';
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

function pageFor(path: string, candidates: Route[]): ReactNode | undefined {
  for (const route of candidates) {
    const params = match(route.path, path);
    if (params) return route.render(params);
  }
  return undefined;
}

export function App() {
  const [user, setUser] = useState<CurrentUser>();
  const [visitor, setVisitor] = useState(false);
  const [error, setError] = useState<Error>();
  const path = usePath();
  const publicPage = pageFor(path, publicPassportRoutes);

  useEffect(() => {
    // A visitor without a session may read a public passport; anywhere else they sign in first.
    signedInUser().then((signedIn) => {
      if (signedIn) setUser(signedIn);
      else if (publicPage) setVisitor(true);
      else window.location.assign('/login');
    }, setError);
  }, []);

  if (visitor && !user) {
    return (
      <>
        <a className="skip" href="#content">Skip to content</a>
        <header className="bar">
          <span className="brand">Proving Ground</span>
          <a className="button" href="/login" style={{ marginLeft: 'auto' }}>Sign in</a>
        </header>
        <main className="page" id="content">{publicPage ?? <NotFound />}</main>
      </>
    );
  }

  const page: ReactNode = pageFor(path, routes) ?? <NotFound />;

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
