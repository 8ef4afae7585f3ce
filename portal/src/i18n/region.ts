/**
 * The region the portal serves: its time zone (the services' REGION_TIME_ZONE default) and the
 * locale every date and number is shown in.
 */
export const REGION_TIME_ZONE = 'Asia/Krasnoyarsk';
export const LOCALE = 'ru-RU';
