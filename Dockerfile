# One image for every Node service of docker-compose.yml; the command picks the role.
FROM node:24-bookworm-slim
WORKDIR /app
ENV APOLLO_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
USER node
