import { z } from "zod";

export const emailSchema = z
  .string({ message: "Enter your email address." })
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "Enter a valid email address, like you@example.com." }));

// Length beats composition rules; the short list catches the passwords people try first.
const COMMON_PASSWORDS = new Set([
  "password",
  "password1",
  "password123",
  "1234567890",
  "qwertyuiop",
  "letmein123",
  "iloveyou12",
]);

export const newPasswordSchema = z
  .string({ message: "Choose a password." })
  .min(10, { message: "Use at least 10 characters." })
  .max(200, { message: "Use at most 200 characters." })
  .refine((value) => !COMMON_PASSWORDS.has(value.toLowerCase()), {
    message: "That password is too common; choose another.",
  })
  .refine((value) => new Set(value).size >= 4, { message: "Use a less repetitive password." });

export const signUpSchema = z.object({
  name: z
    .string()
    .trim()
    .max(100, { message: "Keep your name under 100 characters." })
    .optional()
    .transform((value) => value || undefined),
  email: emailSchema,
  password: newPasswordSchema,
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1).max(200),
});
export type SignInInput = z.infer<typeof signInSchema>;
