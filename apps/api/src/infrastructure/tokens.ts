/** Injection tokens for the ports the application depends on. */
export const EVENT_STORE = Symbol('EventStore');
export const READ_DATABASE = Symbol('ReadDatabase');
export const APP_CONFIG = Symbol('AppConfig');
