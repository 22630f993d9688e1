import { describe, expect, it } from 'vitest'
import {
  findOperation,
  requestProblems,
  responseProblems,
} from '../support/openapi.js'

const api = (path: string) => new URL(path, 'http://127.0.0.1')

describe("the fake GitHub's OpenAPI check", () => {
  it('knows the comment operations', () => {
    expect(
      findOperation('GET', '/repos/acme/agents/issues/7/comments')?.operationId,
    ).toBe('issues/list-comments')
    expect(
      findOperation('PATCH', '/repos/acme/agents/issues/comments/9')
        ?.operationId,
    ).toBe('issues/update-comment')
  })

  it('accepts what GitHub accepts', () => {
    expect(
      requestProblems(
        'POST',
        api('/repos/acme/agents/issues/7/comments'),
        { body: 'hi' },
        'application/json; charset=utf-8',
      ),
    ).toEqual([])
    expect(
      requestProblems(
        'GET',
        api('/repos/acme/agents/issues/7/comments?per_page=100&page=2'),
        undefined,
        undefined,
      ),
    ).toEqual([])
  })

  it('catches what GitHub would not', () => {
    expect(
      requestProblems(
        'POST',
        api('/repos/acme/agents/issues/7/comments'),
        { text: 'hi' },
        'application/json',
      ),
    ).not.toEqual([])
    expect(
      requestProblems(
        'POST',
        api('/repos/acme/agents/issues/7/comments'),
        { body: 5 },
        'application/json',
      ),
    ).not.toEqual([])
    expect(
      requestProblems(
        'PUT',
        api('/repos/acme/agents/issues/7/comments'),
        undefined,
        undefined,
      ),
    ).not.toEqual([])
    expect(
      requestProblems(
        'GET',
        api('/repos/acme/agents/issues/seven/comments'),
        undefined,
        undefined,
      ),
    ).not.toEqual([])
    expect(
      requestProblems(
        'GET',
        api('/repos/acme/agents/issues/7/comments?per_page=many'),
        undefined,
        undefined,
      ),
    ).not.toEqual([])
    expect(
      requestProblems(
        'GET',
        api('/repos/acme/agents/issues/7/comments?sort=x'),
        undefined,
        undefined,
      ),
    ).not.toEqual([])
    expect(
      responseProblems(
        'POST',
        api('/repos/acme/agents/issues/7/comments'),
        201,
        { id: 1 },
      ),
    ).not.toEqual([])
  })
})
