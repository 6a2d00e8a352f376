import { describe, it, expect } from 'vitest';
import { loadConfig, ConfigError } from '../../src/config.js';

describe('config', () => {
  it('has working defaults for a bare machine', () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.PORT).toBe(3000);
    expect(config.TEMPORAL_ADDRESS).toBe('127.0.0.1:7233');
  });

  it('points links where the server listens when PUBLIC_URL is unset', () => {
    expect(loadConfig({}).PUBLIC_URL).toBe('http://localhost:3000');
    expect(loadConfig({ PORT: '8080' }).PUBLIC_URL).toBe('http://localhost:8080');
    expect(loadConfig({ HOST: '0.0.0.0', PORT: '4000' }).PUBLIC_URL).toBe('http://localhost:4000');
    expect(loadConfig({ HOST: '::1', PORT: '4000' }).PUBLIC_URL).toBe('http://localhost:4000');
    // A named interface is not loopback: the run counts as production and needs real secrets.
    expect(() => loadConfig({ HOST: 'ce.example.org', PORT: '4000' })).toThrow(
      /PUBLIC_URL=http:\/\/ce\.example\.org:4000/,
    );
    expect(loadConfig({ PUBLIC_URL: 'http://127.0.0.1:9000', PORT: '4000' }).PUBLIC_URL).toBe(
      'http://127.0.0.1:9000',
    );
  });

  it('names the variable in one line when a value is malformed', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/^config: PORT="eighty" is invalid/);
    expect(() => loadConfig({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ TEMPORAL_ADDRESS: 'localhost' })).toThrow(/TEMPORAL_ADDRESS.*host:port/);
  });
});
