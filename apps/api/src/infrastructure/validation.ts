import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

function flatten(errors: ValidationError[], parent = ''): { field: string; problem: string }[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((problem) => ({ field, problem }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** class-validator at the edge: unknown fields are refused, and every violation is named. */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const violations = flatten(errors);
      return new BadRequestException({
        detail: `the request body is invalid: ${violations.map((v) => `${v.field}: ${v.problem}`).join('; ')}`,
        violations,
      });
    },
  });
}
