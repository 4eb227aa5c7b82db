/** The rate limiter the access guard uses: in memory, or shared by the processes of one database. */
export const REQUEST_LIMITER = Symbol('REQUEST_LIMITER');
