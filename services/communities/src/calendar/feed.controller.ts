import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { COMMUNITIES_DEPS, CommunitiesDeps } from '../communities.deps';
import { educatorFeed, isFeedKey, municipalityFeed } from './feeds';

const ID = /^[A-Za-z0-9_-]{1,80}$/;

/**
 * iCalendar feeds (RFC 5545), fetched by calendar clients without a sign-in: a municipality's
 * public calendar, and an educator's own registrations behind the key only the service makes.
 * The gateway passes GET /calendar/… through to here.
 */
@Controller('calendar')
export class FeedController {
  constructor(@Inject(COMMUNITIES_DEPS) private readonly d: CommunitiesDeps) {}

  @Get('municipalities/:file')
  async municipality(@Param('file') file: string, @Res() res: ServerResponse) {
    const id = idOf(file);
    if (!id) return send(res, 404, 'no such calendar');
    send(res, 200, await municipalityFeed(this.d, id), 'text/calendar; charset=utf-8');
  }

  @Get('educators/:file')
  async educator(@Param('file') file: string, @Query('key') key: string | undefined, @Res() res: ServerResponse) {
    const id = idOf(file);
    // One answer for a wrong key and an unknown educator: the URL reveals nothing.
    if (!id || !key || !isFeedKey(this.d.feedSecret, id, key)) return send(res, 404, 'no such calendar');
    send(res, 200, await educatorFeed(this.d, id), 'text/calendar; charset=utf-8');
  }
}

const idOf = (file: string): string | null => {
  const id = file.endsWith('.ics') ? file.slice(0, -4) : file;
  return ID.test(id) ? id : null;
};

const send = (res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8') => {
  res.statusCode = status;
  res.setHeader('content-type', type);
  res.setHeader('cache-control', 'private, max-age=300');
  res.end(body);
};
