import { describe, expect, test } from 'vitest';
import { navFor, pathFor, routeFor } from '../platform/routes';
import { resetTokenFrom } from './ResetPasswordPage';

describe('admin routes', () => {
  test('an admin reaches the administration pages; anyone else lands on their home', () => {
    expect(routeFor('/admin/accounts', 'admin')).toEqual({ screen: 'accounts' });
    expect(routeFor('/admin/patients/', 'admin')).toEqual({ screen: 'adminPatients' });
    expect(routeFor('/admin/system', 'admin')).toEqual({ screen: 'system' });
    expect(routeFor('/admin/system', 'doctor')).toEqual({ screen: 'board' });
    expect(routeFor('/admin/unknown', 'admin')).toEqual({ screen: 'devices' });
    expect(pathFor({ screen: 'system' })).toBe('/admin/system');
    expect(navFor('admin').map((n) => n.path)).toEqual(['/admin/accounts', '/admin/patients', '/', '/admin/system', '/rotas', '/admin/erasure-requests']);
  });
  test('a reset link carries its token after the hash, and nothing else is one', () => {
    expect(resetTokenFrom('#abcdefghijklmnopqrstuvwxyz_-0123')).toBe('abcdefghijklmnopqrstuvwxyz_-0123');
    expect(resetTokenFrom('')).toBeNull();
    expect(resetTokenFrom('#short')).toBeNull();
    expect(resetTokenFrom('#abc<script>defghijklmnop')).toBeNull();
  });
});
