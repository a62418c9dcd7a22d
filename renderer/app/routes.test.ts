import { describe, expect, it } from 'vitest';
import { routeFromLocation, urlForRoute } from './routes';

describe('routes', () => {
  it('a scanned QR code lands on the join screen', () => {
    expect(routeFromLocation({ search: '?join=K7M2QP&automation=1', hash: '' })).toEqual({ name: 'join', code: 'K7M2QP' });
  });
  it('a session link opens its board; anything else is home', () => {
    expect(routeFromLocation({ search: '', hash: '#/session/abc_1' })).toEqual({ name: 'board', sessionId: 'abc_1' });
    expect(routeFromLocation({ search: '', hash: '#/session/../x' })).toEqual({ name: 'home' });
  });
  it('leaving the join screen drops the code but keeps automation on', () => {
    expect(urlForRoute({ name: 'board', sessionId: 's1' }, { pathname: '/', search: '?join=K7M2QP&automation=1' })).toBe('/?automation=1#/session/s1');
    expect(urlForRoute({ name: 'home' }, { pathname: '/index.html', search: '' })).toBe('/index.html');
  });
  it('a workshop picked from the LAN list keeps its host through the join screen, and only a well-formed one', () => {
    const url = urlForRoute({ name: 'join', code: 'K7M2QP', host: '192.168.0.23:51000' }, { pathname: '/', search: '?automation=1' });
    expect(url).toBe('/?automation=1&join=K7M2QP&host=192.168.0.23%3A51000');
    expect(routeFromLocation({ search: url.slice(1), hash: '' })).toEqual({ name: 'join', code: 'K7M2QP', host: '192.168.0.23:51000' });
    expect(routeFromLocation({ search: '?join=K7M2QP&host=evil.example:80', hash: '' })).toEqual({ name: 'join', code: 'K7M2QP' });
    expect(urlForRoute({ name: 'home' }, { pathname: '/', search: '?join=K7M2QP&host=192.168.0.23:51000' })).toBe('/');
  });
});
